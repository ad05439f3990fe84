import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../shared/api/incidents';
import { alertFixture, incidentDetail } from '../testing/fixtures';
import { resetOfflineDb } from '../testing/offline-db';
import { readIncident, saveIncident } from './cache';
import { offlineDb } from './db';

beforeEach(resetOfflineDb);

describe('cached incidents', () => {
  it('keep their alerts and recent changes', async () => {
    const detail = incidentDetail({ origin: 'storm', alerts: [alertFixture({ details: { custom_details: { region: 'eu' } } })] });
    await saveIncident(detail);
    expect(await readIncident(detail.id)).toEqual(detail);
  });

  it('saved by an older version read with empty alerts and changes and their creation time as start', async () => {
    const old: Record<string, unknown> = { ...incidentDetail() };
    for (const added of ['alerts', 'recentChanges', 'origin', 'startedAt', 'detectedAt']) delete old[added];
    await (await offlineDb()).put('incidents', old as unknown as IncidentDetail);

    const read = await readIncident('inc-7');
    expect(read).toMatchObject({ alerts: [], recentChanges: [], origin: 'user', startedAt: old.createdAt, detectedAt: old.createdAt });
  });

  it('saved before incident command read in the phase their status implies, with nobody in any role', async () => {
    const old: Record<string, unknown> = { ...incidentDetail({ status: 'acknowledged' }) };
    for (const added of ['phase', 'roles', 'checklist', 'followers', 'following', 'runbook', 'snoozedUntil', 'acknowledgedBy']) delete old[added];
    await (await offlineDb()).put('incidents', old as unknown as IncidentDetail);

    const read = await readIncident('inc-7');
    expect(read).toMatchObject({ phase: 'response', roles: { commander: null, experts: [] }, checklist: [], followers: [], following: false, runbook: null, snoozedUntil: null, acknowledgedBy: null });
  });
});
