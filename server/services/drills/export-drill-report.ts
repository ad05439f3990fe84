import type { DrillMeasure, DrillReport } from '../../../shared/api/drills';
import { comparedWith, drillScoreBreakdown, drillScorePartLabels } from '../../../shared/domain/drill-score';
import { isDrillOver } from '../../../shared/domain/drills';
import type { Tx } from '../../db/client';
import { escapeCell, escapeInline } from '../reviews/markdown-text';
import { drillScorecard } from './drill-report';

/** "0 s", "0.4 s", "42 s", "3 min", "3 min 20 s", "1 h 05 min": how long, for people. */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? Number(seconds.toFixed(1)) : Math.round(seconds)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return whole % 60 ? `${minutes} min ${whole % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function measureText(unit: DrillMeasure['unit'], value: number | null, missing: string): string {
  if (value === null) return missing;
  if (unit === 'seconds') return durationText(value);
  return unit === 'percent' ? `${value} %` : String(value);
}

const time = (iso: string | null) => (iso === null ? '—' : iso.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC'));
/** "+3 min" after the start. */
const offset = (startedAt: string | null, iso: string | null) =>
  startedAt === null || iso === null ? '—' : `+${durationText((new Date(iso).getTime() - new Date(startedAt).getTime()) / 1000)}`;

function measuresTable(report: DrillReport, over: boolean): string {
  const missing = over ? 'never' : 'not yet';
  return [
    '| Measure | This drill | Previous | Best | Against previous |',
    '| --- | --- | --- | --- | --- |',
    ...report.measures.map((m) => {
      const value = m.key === 'runbookSteps' && m.value === null ? 'no steps' : measureText(m.unit, m.value, missing);
      return `| ${m.label} | ${value} | ${measureText(m.unit, m.previous, '—')} | ${measureText(m.unit, m.best, '—')} | ${over && report.previousScores.length ? (comparedWith(m, m.value, m.previous) ?? '—') : '—'} |`;
    }),
  ].join('\n');
}

function scoreLine(report: DrillReport): string {
  if (report.score === null) return `- **Score:** not scored until the drill is over (it is ${report.status})`;
  const previous = report.previousScores.at(-1)?.score ?? null;
  const scored = report.previousScores.flatMap((earlier) => (earlier.score === null ? [] : [earlier.score]));
  const against = scored.length ? ` (previous ${previous ?? '—'}, best ${Math.max(...scored)})` : ' (the first drill of this scenario)';
  return `- **Score:** ${report.score} / 100${against}`;
}

/** The scorecard as one Markdown document, for a wiki page or the game day's notes; user text is escaped. */
export async function exportDrillReportMarkdown(tx: Tx, drillId: string): Promise<{ markdown: string; filename: string }> {
  const { drill, report, measured } = await drillScorecard(tx, drillId);
  const over = isDrillOver(drill.status);
  const { runbookSteps: steps } = report;
  const parts = [
    `# Drill scorecard: ${escapeInline(drill.name)}\n`,
    [
      scoreLine(report),
      `- **Scenario:** ${escapeInline(drill.title)} · ${drill.severity} · ${escapeInline(drill.serviceName)}`,
      `- **Drill:** ${drill.status} · started ${time(drill.startedAt)} · ended ${time(drill.endedAt)}`,
      `- **Incident:** ${drill.incidentNumber === null ? '—' : `#${drill.incidentNumber}`} · runbook steps done: ${steps.total === 0 ? 'no steps' : `${steps.done} of ${steps.total}`} · escalations: ${report.escalations}`,
    ].join('\n') + '\n',
    `## Measures\n\n${measuresTable(report, over)}\n`,
    over
      ? `## How the score adds up\n\n${[
          '| Part | Points |',
          '| --- | --- |',
          ...drillScoreBreakdown(measured.scoreInput).map((part) => `| ${drillScorePartLabels[part.part]} | ${Number(part.points.toFixed(1))} of ${part.maxPoints} |`),
        ].join('\n')}\n\nThe first status update is measured against ${measured.scoreInput.statusUpdateBarMinutes} min for a ${drill.severity} drill.\n`
      : '',
    `## Participants\n\n${
      report.participants.length
        ? [
            '| Person | First paged | First delivered | Acknowledged |',
            '| --- | --- | --- | --- |',
            ...report.participants.map(
              (p) =>
                `| ${escapeCell(p.name)} | ${offset(drill.startedAt, p.firstPagedAt)} | ${offset(drill.startedAt, p.firstDeliveredAt)} | ${p.acknowledgedAfterSeconds === null ? '—' : `+${durationText(p.acknowledgedAfterSeconds)}`} |`,
            ),
          ].join('\n')
        : '_Nobody was paged._'
    }\n`,
    `## Pages that failed to deliver\n\n${
      report.failedPages.length
        ? report.failedPages
            .map((f) => `- ${escapeInline(f.name)} · ${escapeInline(f.channel)} · ${escapeInline(f.target)}${f.error ? `: ${escapeInline(f.error)}` : ''}`)
            .join('\n')
        : '_None: every page reached a device or contact method._'
    }\n`,
    report.previousScores.length
      ? `## Earlier drills of this scenario\n\n${['| Started | Score |', '| --- | --- |', ...report.previousScores.map((e) => `| ${time(e.startedAt)} | ${e.score ?? '—'} |`)].join('\n')}\n`
      : '',
  ];
  return { markdown: parts.filter(Boolean).join('\n'), filename: `drill-${slug(drill.name)}-${(drill.startedAt ?? drill.startsAt).slice(0, 10)}.md` };
}

/** "Database outage" → "database-outage": ASCII only, so the file name needs no quoting rules beyond the quotes. */
function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60).replace(/-+$/, '') || 'drill';
}
