import type { Drill, DrillReport } from '../../../shared/api/drills';
import { drillMeasures } from '../../../shared/domain/drill-score';
import type { Tx } from '../../db/client';
import { earlierOverDrills } from '../../db/stores/drill-report';
import { findDrill } from '../../db/stores/drills';
import { notFound } from '../../errors';
import { measureDrills, measuredDrill, type DrillMeasurements } from './measure-drills';

export interface DrillScorecard {
  drill: Drill;
  report: DrillReport;
  /** This drill's own figures, with what its score was computed from (for the Markdown's breakdown). */
  measured: DrillMeasurements;
}

/**
 * How a drill went, measured from its incident's timeline and outbox, each figure beside the latest and the best
 * of the team's earlier finished or aborted drills of the same scenario (those that started before this one).
 */
export async function drillScorecard(tx: Tx, drillId: string): Promise<DrillScorecard> {
  const drill = await findDrill(tx, drillId);
  if (!drill) throw notFound(`drill ${drillId}`);
  const reference = new Date(drill.startedAt ?? drill.startsAt);
  const earlier = drill.scenarioId ? await earlierOverDrills(tx, drill.scenarioId, reference, drill.id) : [];
  const measuredAll = await measureDrills(tx, [measuredDrill(drill), ...earlier], { deliveries: true });
  const measured = measuredAll.get(drill.id)!;
  const before = earlier.map((row) => measuredAll.get(row.id)!);
  const report: DrillReport = {
    drillId: drill.id,
    name: drill.name,
    scenarioId: drill.scenarioId,
    status: drill.status,
    startedAt: drill.startedAt,
    endedAt: drill.endedAt,
    incidentId: drill.incidentId,
    incidentNumber: drill.incidentNumber,
    score: measured.score,
    ...measured.reported,
    previousScores: earlier.map((row, index) => ({ drillId: row.id, startedAt: row.startedAt!.toISOString(), score: before[index].score })),
    measures: drillMeasures(
      measured.figures,
      before.map((other) => other.figures),
    ),
  };
  return { drill, report, measured };
}

/** `GET /drills/:id/report`. */
export async function drillReport(tx: Tx, drillId: string): Promise<DrillReport> {
  return (await drillScorecard(tx, drillId)).report;
}
