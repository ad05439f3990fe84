import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Incident, IncidentDetail } from '../../shared/api/incidents';
import { incidentStatuses, isOpen } from '../../shared/domain/lifecycle';
import { severityRank, type Severity } from '../../shared/domain/severity';
import { ApiError } from '../api/http';
import { incidentsApi, type CreateIncidentInput } from '../api/incidents';

const openStatuses = incidentStatuses.filter(isOpen);
const closedStatuses = incidentStatuses.filter((status) => !isOpen(status));
/** Resolved incidents are history: the most recent ones are enough on a phone. */
const resolvedShown = 50;

// Most severe first; the server's newest-first order breaks ties (Array.sort is stable).
const bySeverity = (a: Incident, b: Incident) => severityRank(a.severity) - severityRank(b.severity);

function summaryOf(detail: IncidentDetail): Incident {
  const summary: Partial<IncidentDetail> = { ...detail };
  delete summary.timeline;
  return summary as Incident;
}

export const useIncidentsStore = defineStore('incidents', () => {
  const open = ref<Incident[]>([]);
  const resolved = ref<Incident[]>([]);
  const current = ref<IncidentDetail | null>(null);
  const listLoaded = ref(false);

  async function fetchList(): Promise<void> {
    const [openPage, resolvedPage] = await Promise.all([
      incidentsApi.list({ status: openStatuses, limit: 200 }),
      incidentsApi.list({ status: closedStatuses, limit: resolvedShown }),
    ]);
    open.value = openPage.items.sort(bySeverity);
    resolved.value = resolvedPage.items;
    listLoaded.value = true;
  }

  /** Puts a fresh copy of an incident everywhere it is shown. */
  function apply(detail: IncidentDetail): IncidentDetail {
    if (!current.value || current.value.id === detail.id) current.value = detail;
    const summary = summaryOf(detail);
    open.value = open.value.filter((incident) => incident.id !== detail.id);
    resolved.value = resolved.value.filter((incident) => incident.id !== detail.id);
    if (isOpen(summary.status)) open.value = [...open.value, summary].sort(bySeverity);
    else resolved.value = [summary, ...resolved.value];
    return detail;
  }

  async function fetchDetail(id: string): Promise<IncidentDetail> {
    if (current.value?.id !== id) current.value = null;
    return apply(await incidentsApi.get(id));
  }

  /** Runs a command; when the server refuses it as a conflict, shows what changed meanwhile. */
  async function command(id: string, send: () => Promise<IncidentDetail>): Promise<IncidentDetail> {
    try {
      return apply(await send());
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) await fetchDetail(id).catch(() => undefined);
      throw err;
    }
  }

  const acknowledge = (id: string) => command(id, () => incidentsApi.acknowledge(id));
  const resolve = (id: string) => command(id, () => incidentsApi.resolve(id));
  const setSeverity = (id: string, severity: Severity) => command(id, () => incidentsApi.update(id, { severity }));

  async function addNote(id: string, text: string): Promise<void> {
    const event = await incidentsApi.addNote(id, { text });
    if (current.value?.id === id) current.value = { ...current.value, timeline: [...current.value.timeline, event] };
  }

  async function create(input: CreateIncidentInput): Promise<IncidentDetail> {
    current.value = null;
    return apply(await incidentsApi.create(input));
  }

  function clear(): void {
    open.value = [];
    resolved.value = [];
    current.value = null;
    listLoaded.value = false;
  }

  return { open, resolved, current, listLoaded, fetchList, fetchDetail, acknowledge, resolve, setSeverity, addNote, create, clear };
});
