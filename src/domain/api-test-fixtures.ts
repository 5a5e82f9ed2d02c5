// A small complete scenario for API and CLI tests: three nations (two leads, one cautious), two
// capabilities, two requirement lines, two offers (1,800 personnel against a 5,000 target), one
// pledge and one rotation policy. Figures are test values, marked as such.
const A = { assumption: 'test figure' };

const nation = (id: string, name: string, currency: string, stances: Record<string, unknown>[]) => ({
  id,
  name,
  nato: true,
  eu: id !== 'GBR',
  gdp: { value: 3e12, currency, year: 2024, ...A },
  population: { value: 60_000_000, year: 2024, ...A },
  currency,
  role: stances[0]?.stance === 'lead' ? 'lead' : 'contributor',
  stances,
});

export function apiScenario(): Record<string, unknown> & { offers: unknown[]; pledges: unknown[] } {
  return {
    schemaVersion: 1,
    id: 'api-test',
    name: 'API test coalition',
    asOf: '2025-03-02',
    mission: { name: 'Test force', forceTarget: { personnel: 5_000, ...A } },
    nations: [
      nation('GBR', 'United Kingdom', 'GBP', [
        { date: '2025-03-02', stance: 'lead', statement: 'Leads.', ...A },
      ]),
      nation('FRA', 'France', 'EUR', [
        { date: '2025-02-17', stance: 'supportive', statement: 'Supports.', ...A },
        { date: '2025-03-02', stance: 'lead', statement: 'Co-leads.', ...A },
      ]),
      nation('DEU', 'Germany', 'EUR', [
        { date: '2025-03-02', stance: 'cautious', statement: 'Hesitates.', ...A },
      ]),
    ],
    capabilities: [
      {
        code: 'MECH-INF-BN',
        name: 'Mechanised infantry battalion',
        domain: 'land',
        defaultPersonnel: 600,
        defaultTonnes: 4_000,
        app6: 'SFGPUCIZ-------',
      },
      {
        code: 'GBAD-BTY',
        name: 'Ground-based air defence battery',
        domain: 'land',
        defaultPersonnel: 120,
        defaultTonnes: 800,
        app6: 'SFGPUCD--------',
      },
    ],
    requirements: [
      {
        id: 'REQ-1',
        capability: 'MECH-INF-BN',
        quantity: 6,
        sector: 'Kyiv',
        task: 'deterrence',
        rddCDay: 30,
        durationMonths: 12,
        priority: 1,
        ...A,
      },
      {
        id: 'REQ-2',
        capability: 'GBAD-BTY',
        quantity: 4,
        sector: 'Odesa',
        task: 'air-defence',
        rddCDay: 45,
        durationMonths: 12,
        priority: 2,
        ...A,
      },
    ],
    offers: [
      {
        id: 'OFF-GBR-1',
        nation: 'GBR',
        capability: 'MECH-INF-BN',
        quantity: 2,
        personnel: 1_200,
        tonnes: 8_000,
        readiness: { level: 'L3', daysToReady: 30 },
        status: 'offered',
        ...A,
      },
      {
        id: 'OFF-FRA-1',
        nation: 'FRA',
        capability: 'MECH-INF-BN',
        quantity: 1,
        personnel: 600,
        tonnes: 4_000,
        readiness: { level: 'L2', daysToReady: 60 },
        status: 'offered',
        caveats: { excludedSectors: ['Kyiv'] },
        ...A,
      },
    ],
    pledges: [
      {
        id: 'PLG-GBR-1',
        nation: 'GBR',
        amount: 1.6e9,
        currency: 'GBP',
        date: '2025-03-02',
        purpose: 'air defence',
        stage: 'committed',
        ...A,
      },
    ],
    rotationPolicies: [{ nation: 'GBR', tourMonths: 6, dwellRatio: 4, ...A }],
  };
}
