import { ref } from 'vue';
import type { Runbook } from '../../../shared/api/runbooks';
import { noAnswer } from '../../api/http';
import { runbooksApi } from '../../api/runbooks';
import { readSnapshot, saveSnapshot } from '../../offline/cache';
import { quietly } from '../../stores/connectivity';

const snapshotKey = (serviceId: string) => `runbooks:${serviceId}`;

/**
 * A service's runbooks, kept on the device once seen: a responder opening the service screen in a dead zone
 * still reads them. Writes need the server (a runbook is a document, not an incident command).
 */
export function useServiceRunbooks(serviceId: () => string) {
  const items = ref<Runbook[] | null>(null);
  /** Shown from the device's copy: the server did not answer. */
  const fromDevice = ref(false);

  const keep = (list: Runbook[]) => {
    items.value = list;
    fromDevice.value = false;
    void quietly(saveSnapshot(snapshotKey(serviceId()), list));
  };

  async function load(): Promise<void> {
    const id = serviceId();
    try {
      keep(await runbooksApi.list(id));
    } catch (err) {
      if (!noAnswer(err)) throw err;
      const cached = await quietly(readSnapshot<Runbook[]>(snapshotKey(id)));
      if (!cached) throw err;
      items.value = cached;
      fromDevice.value = true;
    }
  }

  async function save(alertClass: string | null, markdown: string): Promise<Runbook> {
    const saved = await runbooksApi.save(serviceId(), alertClass, markdown);
    const others = (items.value ?? []).filter((runbook) => runbook.alertClass !== saved.alertClass);
    // The service's own first, then by class, as the server lists them.
    keep([...others, saved].sort((a, b) => ((a.alertClass ?? '') < (b.alertClass ?? '') ? -1 : 1)));
    return saved;
  }

  async function remove(alertClass: string | null): Promise<void> {
    await runbooksApi.remove(serviceId(), alertClass);
    keep((items.value ?? []).filter((runbook) => runbook.alertClass !== alertClass));
  }

  return { items, fromDevice, load, save, remove };
}
