import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Actor, Incident, IncidentDetail } from '../../shared/api/incidents';
import { canApply, incidentStatuses, isOpen, isPaging, transition } from '../../shared/domain/lifecycle';
import type { TimeCorrections } from '../../shared/domain/incident-corrections';
import type { IncidentPhase } from '../../shared/domain/phases';
import type { Severity } from '../../shared/domain/severity';
import { noAnswer } from '../api/http';
import { incidentsApi, type CreateIncidentInput } from '../api/incidents';
import { readIncident, readList, saveIncident, saveList } from '../offline/cache';
import type { OutboxCommand } from '../offline/db';
import { pendingCommands } from '../offline/outbox';
import { incidentCommand, project, type IncidentCommandInput } from '../offline/optimistic';
import { isPagingKind, pagingRefusal } from '../offline/paging-commands';
import { isPhaseCommand, phaseCommandRefusal } from '../offline/phase-commands';
import { isFiltered, matchesTriageFilter, noTriageFilter, openStatuses, triageKey, triageOrder, type TriageFilter } from '../../shared/domain/triage';
import { filterQuery } from './incident-filter';
import { quietly, useConnectivityStore } from './connectivity';
import { useSessionStore } from './session';

const closedStatuses = incidentStatuses.filter((status) => !isOpen(status));
/** Resolved incidents are history: the most recent ones are enough on a phone. */
const resolvedShown = 50;



function summaryOf(detail: IncidentDetail): Incident {
  const summary: Partial<IncidentDetail> = { ...detail };
  delete summary.timeline;
  delete summary.escalation;
  // Lists stay small on the device: a storm incident's hundreds of alerts belong to its detail alone.
  delete summary.alerts;
  delete summary.recentChanges;
  return summary as Incident;
}

/** At most one run at a time plus one queued behind it: a burst of live updates is one refetch. */
function coalesced(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  const start = () => (running = work().finally(() => (running = undefined)));
  return () => {
    if (!running) return start();
    again ??= running.catch(() => undefined).then(() => {
      again = undefined;
      return start();
    });
    return again;
  };
}

/**
 * Incidents as the server last reported them (network, or the device's cache on start and
 * offline), with the commands still waiting in the outbox applied on top.
 */
export const useIncidentsStore = defineStore('incidents', () => {
  const connectivity = useConnectivityStore();
  const session = useSessionStore();
  const serverOpen = ref<Incident[]>([]);
  const serverResolved = ref<Incident[]>([]);
  const serverCurrent = ref<IncidentDetail | null>(null);
  /** The incident on screen; a late answer for one opened before must not replace it. */
  const currentId = ref<string | null>(null);
  const listLoaded = ref(false);
  /** The list's filter (the view copies it from the address); the default is every open incident. */
  const filter = ref<TriageFilter>(noTriageFilter);
  /** The server's last answer (or the device's copy of it) for each other filter, by `triageKey`. */
  const filteredLists = ref<Record<string, Incident[]>>({});

  const me = computed<Actor>(() => ({ type: 'user', id: session.me?.id ?? null, name: session.me?.name ?? 'You' }));
  const shown = <T extends Incident>(incident: T) => project(incident, connectivity.pending, me.value);
  const shownList = computed(() => [...serverOpen.value, ...serverResolved.value].map(shown));

  const current = computed(() => (serverCurrent.value ? shown(serverCurrent.value) : null));
  const open = computed(() => shownList.value.filter((incident) => isOpen(incident.status)).sort(triageOrder));
  const resolved = computed(() => shownList.value.filter((incident) => !isOpen(incident.status)));
  /**
   * Where the filter's list starts from: the server's answer for it, or (not loaded yet, or offline) every
   * incident on the device, when the rule alone can tell; "mine" cannot (who was paged is the server's).
   */
  const filterSource = computed<{ items: Incident[]; answered: boolean } | null>(() => {
    if (!isFiltered(filter.value)) return listLoaded.value ? { items: serverOpen.value, answered: true } : null;
    const answer = filteredLists.value[triageKey(filter.value)];
    if (answer) return { items: answer, answered: true };
    if (filter.value.mine || !listLoaded.value) return null;
    return { items: [...serverOpen.value, ...serverResolved.value], answered: false };
  });
  /** The incidents the filter picks, as shown (waiting commands applied), in triage order; null until known. */
  const listed = computed(() => {
    const source = filterSource.value;
    if (!source) return null;
    return source.items
      .map(shown)
      .filter((incident) => matchesTriageFilter(incident, filter.value, source.answered))
      .sort(triageOrder);
  });
  /** Commands for the open incident that the server has not confirmed yet. */
  const currentPending = computed<OutboxCommand[]>(() =>
    connectivity.pending.filter((command) => command.incidentId !== undefined && command.incidentId === serverCurrent.value?.id),
  );

  /** Puts the server's fresh copy of an incident everywhere it is shown, and on the device. */
  function apply(detail: IncidentDetail): void {
    if (detail.id === currentId.value) serverCurrent.value = detail;
    const summary = summaryOf(detail);
    serverOpen.value = serverOpen.value.filter((incident) => incident.id !== detail.id);
    serverResolved.value = serverResolved.value.filter((incident) => incident.id !== detail.id);
    if (isOpen(summary.status)) serverOpen.value = [...serverOpen.value, summary].sort(triageOrder);
    else serverResolved.value = [summary, ...serverResolved.value];
    for (const [name, items] of Object.entries(filteredLists.value)) {
      filteredLists.value[name] = items.map((incident) => (incident.id === detail.id ? summary : incident));
    }
    void quietly(saveIncident(detail));
  }

  /** Shows the cached list at once, then the server's; offline the cached one stays. */
  async function fetchList(): Promise<void> {
    if (!listLoaded.value) {
      const [cachedOpen, cachedResolved] = await Promise.all([quietly(readList('open')), quietly(readList('resolved'))]);
      if (cachedOpen && cachedResolved && !listLoaded.value) {
        serverOpen.value = cachedOpen;
        serverResolved.value = cachedResolved;
        listLoaded.value = true;
      }
    }
    const wanted = filter.value;
    const key = triageKey(wanted);
    const filteredKey = `triage:${key}`;
    if (isFiltered(wanted) && !filteredLists.value[key]) {
      const cached = await quietly(readList(filteredKey));
      if (cached && !filteredLists.value[key]) filteredLists.value[key] = cached;
    }
    try {
      // Open incidents are few (an alert storm folds into one), so the triage order comes whole, not paged.
      const [openPage, resolvedPage, filteredPage] = await Promise.all([
        incidentsApi.list({ status: openStatuses, sort: 'triage', limit: 200 }),
        incidentsApi.list({ status: closedStatuses, limit: resolvedShown }),
        isFiltered(wanted) ? incidentsApi.list({ ...filterQuery(wanted), limit: 200 }) : undefined,
      ]);
      serverOpen.value = openPage.items;
      serverResolved.value = resolvedPage.items;
      if (filteredPage) filteredLists.value[key] = filteredPage.items;
      listLoaded.value = true;
      void connectivity.noteSynced();
      void quietly(
        Promise.all([
          saveList('open', openPage.items),
          saveList('resolved', resolvedPage.items),
          filteredPage && saveList(filteredKey, filteredPage.items),
        ]),
      );
    } catch (err) {
      if (!noAnswer(err)) throw err;
      connectivity.unreachable();
      if (!listLoaded.value) throw err;
    }
  }

  /** Shows the cached incident at once, then the server's; offline the cached one stays. */
  async function fetchDetail(id: string): Promise<void> {
    if (currentId.value !== id) {
      currentId.value = id;
      serverCurrent.value = null;
      const cached = await quietly(readIncident(id));
      if (cached && currentId.value === id && !serverCurrent.value) serverCurrent.value = cached;
    }
    try {
      // The outbox is read after the answer and both shown in the same tick: a command the server
      // has just applied must not show twice (its optimistic copy beside the real one).
      const detail = await incidentsApi.get(id);
      const waiting = await quietly(pendingCommands());
      if (waiting) connectivity.pending = waiting;
      apply(detail);
      void connectivity.noteSynced();
    } catch (err) {
      if (!noAnswer(err)) throw err;
      connectivity.unreachable();
      if (serverCurrent.value?.id !== id) throw err;
    }
  }

  const refreshCurrent = coalesced(async () => {
    if (currentId.value !== null) await fetchDetail(currentId.value);
  });
  const refreshList = coalesced(fetchList);

  /** Refetches what is on screen, e.g. after a live update or a replay touched these incidents. */
  async function refresh(incidentIds?: ReadonlySet<string>): Promise<void> {
    const id = currentId.value;
    await Promise.all([
      id !== null && (!incidentIds || incidentIds.has(id)) ? quietly(refreshCurrent()) : undefined,
      listLoaded.value ? quietly(refreshList()) : undefined,
    ]);
  }

  /**
   * Queues a command and shows its effect at once. A lifecycle command the incident as shown
   * cannot take (the shared transition table says why) is refused here, before it is queued.
   */
  async function command(incidentId: string, input: IncidentCommandInput): Promise<OutboxCommand> {
    const incident = current.value?.id === incidentId ? current.value : shownList.value.find((shownOne) => shownOne.id === incidentId);
    if (incident && (input.kind === 'acknowledge' || input.kind === 'resolve')) {
      const result = transition(incident.status, input.kind);
      if (!result.ok) throw new Error(`cannot ${input.kind} incident #${incident.number}: ${result.reason}`);
    }
    if (incident && input.kind === 'escalate' && !isPaging(incident.status)) {
      throw new Error(`cannot escalate incident #${incident.number}: it is ${incident.status}`);
    }
    const refusal = incident && isPagingKind(input.kind) ? pagingRefusal(incident, input.kind) : null;
    if (refusal) throw new Error(`cannot ${input.kind} incident #${incident!.number}: ${refusal}`);
    if (incident && isPhaseCommand(input)) {
      const refusal = phaseCommandRefusal(incident, input);
      if (refusal) throw new Error(refusal);
    }
    return connectivity.enqueue(incidentCommand(incidentId, input));
  }

  const acknowledge = (id: string) => command(id, { kind: 'acknowledge' });
  const resolve = (id: string) => command(id, { kind: 'resolve' });
  const setSeverity = (id: string, severity: Severity) => command(id, { kind: 'severity', severity });
  const addNote = (id: string, text: string) => command(id, { kind: 'note', text });
  /** Pages the next escalation step now; like any command it waits in the outbox while offline. */
  const escalate = (id: string) => command(id, { kind: 'escalate' });
  /** Reassign, snooze and reopen (PagingActions): queued like any command, refused here when the incident as shown cannot take it. */
  const pagingCommand = (id: string, input: Extract<IncidentCommandInput, { kind: 'reassign' | 'snooze' | 'reopen' }>) => command(id, input);
  const movePhase = (id: string, phase: IncidentPhase) => command(id, { kind: 'phase', phase });
  const mitigate = (id: string) => command(id, { kind: 'mitigate' });
  const rename = (id: string, title: string) => command(id, { kind: 'title', title });
  const correctTimes = (id: string, times: TimeCorrections) => command(id, { kind: 'times', times });

  /**
   * An alert storm: one acknowledge per incident (each its own command and Idempotency-Key), queued
   * in the order given. Ones already acknowledged or resolved meanwhile are skipped, not refused.
   */
  async function acknowledgeAll(ids: string[]): Promise<OutboxCommand[]> {
    const queued: OutboxCommand[] = [];
    for (const id of ids) {
      const incident = [...(listed.value ?? []), ...shownList.value].find((shownOne) => shownOne.id === id);
      if (incident && !canApply(incident.status, 'acknowledge')) continue;
      queued.push(await acknowledge(id));
    }
    return queued;
  }

  /** Resolves each in the order given, one command each; ones already resolved meanwhile are skipped. */
  async function resolveAll(ids: string[]): Promise<OutboxCommand[]> {
    const queued: OutboxCommand[] = [];
    for (const id of ids) {
      const incident = [...(listed.value ?? []), ...shownList.value].find((shownOne) => shownOne.id === id);
      if (incident && !canApply(incident.status, 'resolve')) continue;
      queued.push(await resolve(id));
    }
    return queued;
  }

  /**
   * One `severity` command per incident (each its own Idempotency-Key), shown at once. Resolved ones keep
   * theirs (history), and ones already at that severity get no command.
   */
  async function setSeverityAll(ids: string[], severity: Severity): Promise<OutboxCommand[]> {
    const queued: OutboxCommand[] = [];
    for (const id of ids) {
      const incident = [...(listed.value ?? []), ...shownList.value].find((shownOne) => shownOne.id === id);
      if (incident && (!isOpen(incident.status) || incident.severity === severity)) continue;
      queued.push(await setSeverity(id, severity));
    }
    return queued;
  }

  /** Creating needs the server (it numbers the incident), so it is not queued offline. */
  async function create(input: CreateIncidentInput): Promise<IncidentDetail> {
    const detail = await incidentsApi.create(input);
    currentId.value = detail.id;
    apply(detail);
    return detail;
  }

  function clear(): void {
    serverOpen.value = [];
    serverResolved.value = [];
    serverCurrent.value = null;
    currentId.value = null;
    listLoaded.value = false;
    filteredLists.value = {};
  }

  return {
    open,
    resolved,
    current,
    currentPending,
    listLoaded,
    filter,
    listed,
    fetchList,
    refreshList,
    fetchDetail,
    refresh,
    acknowledge,
    resolve,
    setSeverity,
    addNote,
    escalate,
    pagingCommand,
    movePhase,
    mitigate,
    rename,
    correctTimes,
    acknowledgeAll,
    resolveAll,
    setSeverityAll,
    create,
    /** Any incident command, e.g. the status update, follow and cadence ones. */
    command,
    clear,
  };
});
