// The map of Europe coloured by each nation's current stance. Every country is drawn with its name
// (and stance) as its title, so hovering or a screen reader names it; the colours are explained by a
// legend that names every stance, and the nations table on the same page is the map's text
// alternative. Nations of the scenario that the map cannot show (Canada, the United States,
// Australia…) are listed beside it with their stance, so nobody is left out by geography.
import { useEffect, useId, useState } from 'react';
import type { Stance } from '../../../src/domain/scenario-schema.ts';
import { categoryFill, type EuropeMapModel, type MapCategory } from './map-geometry.ts';
import { STANCE_LABELS, STANCE_ORDER, StanceBadge } from './stance-badge.tsx';

export interface MapNation {
  id: string;
  name: string;
  stance: Stance | null;
}

export {
  categoryFill,
  NO_STANCE_FILL,
  OUTSIDE_FILL,
  STANCE_FILLS,
  type MapCategory,
} from './map-geometry.ts';
const SEA_FILL = '#f3f7fb';

/** "France: Lead", "Russia: not in this scenario", "Malta: no stance recorded". */
export function countryTitle(name: string, category: MapCategory): string {
  if (category === 'outside') return `${name}: not in this scenario`;
  if (category === 'none') return `${name}: no stance recorded`;
  return `${name}: ${STANCE_LABELS[category]}`;
}

interface EuropeMapProps {
  model: EuropeMapModel;
  nations: readonly MapNation[];
}

export function EuropeMap({ model, nations }: EuropeMapProps) {
  const captionId = useId();
  const byId = new Map(nations.map((n) => [n.id, n]));
  const category = (alpha3: string | undefined): MapCategory => {
    const nation = alpha3 ? byId.get(alpha3) : undefined;
    if (!nation) return 'outside';
    return nation.stance ?? 'none';
  };
  const offMap = nations.filter((n) => !model.onMap.has(n.id));
  const shown = new Set<MapCategory>(
    nations.filter((n) => model.onMap.has(n.id)).map((n) => n.stance ?? 'none'),
  );

  return (
    <div className="stance-map-layout">
      <figure className="stance-map">
        <svg
          className="stance-map-svg"
          viewBox={`0 0 ${model.width} ${model.height}`}
          role="group"
          aria-labelledby={captionId}
        >
          <rect className="map-sea" x={0} y={0} width={model.width} height={model.height} fill={SEA_FILL} />
          {model.countries.map((c) => {
            const cat = category(c.alpha3);
            const name = (c.alpha3 && byId.get(c.alpha3)?.name) || c.name;
            return (
              <path
                key={c.key}
                d={c.d}
                role="img"
                className={cat === 'outside' ? 'map-country map-outside' : 'map-country map-nation'}
                fill={categoryFill(cat)}
                data-iso={c.alpha3}
                data-stance={cat}
              >
                <title>{countryTitle(name, cat)}</title>
              </path>
            );
          })}
        </svg>
        <figcaption id={captionId} className="map-caption">
          Map of Europe: the scenario’s nations coloured by their current stance. The nations table gives the
          same in text.
        </figcaption>
      </figure>
      <div className="map-side">
        <MapLegend shown={shown} />
        {offMap.length > 0 && (
          <section className="map-off" aria-label="Nations not on the map">
            <h3>Not on the map</h3>
            <ul className="map-off-list">
              {offMap.map((n) => (
                <li key={n.id}>
                  <span>{n.name}</span>{' '}
                  {n.stance ? (
                    <StanceBadge stance={n.stance} />
                  ) : (
                    <span className="stance-badge stance-none">None recorded</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

/** Every stance with its colour and name; the ones no country on the map has are marked as such. */
export function MapLegend({ shown }: { shown: ReadonlySet<MapCategory> }) {
  const entries: { category: MapCategory; label: string }[] = [
    ...STANCE_ORDER.map((s) => ({ category: s as MapCategory, label: STANCE_LABELS[s] })),
    { category: 'none', label: 'No stance recorded' },
    { category: 'outside', label: 'Not in this scenario' },
  ];
  return (
    <section className="map-legend" aria-label="Map legend">
      <h3>Legend</h3>
      <ul>
        {entries.map(({ category, label }) => (
          <li key={category} data-stance={category}>
            <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect x={0.5} y={0.5} width={15} height={15} rx={2} fill={categoryFill(category)} />
            </svg>
            <span className="map-legend-label">{label}</span>
            {category !== 'outside' && !shown.has(category) && (
              <span className="cell-note"> (none on the map)</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export type MapModelState =
  { status: 'loading' } | { status: 'ready'; model: EuropeMapModel } | { status: 'error'; message: string };

/**
 * The map's geometry does not depend on the scenario: it is computed once (per clip margin) and kept
 * for the session.
 */
const modelPromises = new Map<number, Promise<EuropeMapModel>>();

/**
 * Loads the bundled map data and projects it, once; the page shows its tables meanwhile. `margin`
 * draws countries that many pixels beyond the frame (see `europeMapModel`), for a map that pans.
 */
export function useEuropeMapModel(margin = 0): MapModelState {
  const [state, setState] = useState<MapModelState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    // The projection code and the map data are chunks of their own, loaded with the first map.
    let promise = modelPromises.get(margin);
    if (!promise) {
      promise = import('./map-geometry.ts').then(async (geometry) =>
        geometry.europeMapModel(await geometry.loadWorldTopology(), undefined, margin),
      );
      modelPromises.set(margin, promise);
    }
    promise.then(
      (model) => {
        if (!cancelled) setState({ status: 'ready', model });
      },
      (e: unknown) => {
        modelPromises.delete(margin);
        if (!cancelled) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [margin]);
  return state;
}
