// The length of a line on the sphere (the line of contact: about 1,100-1,200 km for the front in
// Ukraine), summed over its segments by the haversine formula on the same sphere as the distances
// to it (line-distance.ts).
import { EARTH_RADIUS_KM, type LonLat } from './line-distance.ts';

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance between two places, km (haversine). */
export function haversineKm([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Total length of the polylines in km; the gaps between polylines do not count. */
export function lineLengthKm(polylines: readonly (readonly LonLat[])[]): number {
  let km = 0;
  for (const line of polylines)
    for (let i = 1; i < line.length; i++) km += haversineKm(line[i - 1]!, line[i]!);
  return km;
}
