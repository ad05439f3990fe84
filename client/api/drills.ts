import type { CreateDrillScenarioInput, Drill, DrillList, DrillReport, DrillScenario, DrillScenarioList, SaveDrillScenarioInput, StartDrillInput } from '../../shared/api/drills';
import type { DrillControl, DrillStatus } from '../../shared/domain/drills';
import { request } from './http';

const scenarioAt = (id: string) => `/drills/scenarios/${encodeURIComponent(id)}`;
const drillAt = (id: string) => `/drills/${encodeURIComponent(id)}`;

export const drillsApi = {
  /** The team's scenarios and the built-in templates to start one from. */
  scenarios: () => request<DrillScenarioList>('GET', '/drills/scenarios'),
  scenario: (id: string) => request<DrillScenario>('GET', scenarioAt(id)),
  /** `{template, serviceId}` copies a built-in story for that service. */
  createScenario: (body: CreateDrillScenarioInput) => request<DrillScenario>('POST', '/drills/scenarios', { body }),
  saveScenario: (id: string, body: SaveDrillScenarioInput) => request<DrillScenario>('PUT', scenarioAt(id), { body }),
  removeScenario: (id: string) => request<void>('DELETE', scenarioAt(id)),

  list: (query: { status?: DrillStatus[]; scenarioId?: string } = {}) =>
    request<DrillList>('GET', '/drills', { query: { status: query.status?.join(','), scenarioId: query.scenarioId } }).then((res) => res.items),
  get: (id: string) => request<Drill>('GET', drillAt(id)),
  /** Now (one tap), or on the game-day calendar with `startsAt`. */
  start: (body: StartDrillInput) => request<Drill>('POST', '/drills', { body }),
  /** 409 with the reason when the drill's state does not allow it. */
  control: (id: string, control: DrillControl) => request<Drill>('POST', `${drillAt(id)}/${control}`),
  report: (id: string) => request<DrillReport>('GET', `${drillAt(id)}/report`),
};

/** A plain link (the browser downloads it with the session cookie). */
export const drillReportMarkdownUrl = (id: string) => `/api/v1${drillAt(id)}/report.md`;
