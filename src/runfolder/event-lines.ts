// events.ndjson: what happened to the run and the target, on the windows' clock.

export const EVENT_TYPES = [
  'run-start',
  'stage-start',
  'fault-injected',
  'fault-cleared',
  'node-killed',
  'node-restarted',
  'abort',
  'interrupt',
  'engine-exit',
  'warning',
  'run-end',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventLine {
  type: EventType;
  t: number;
  second: number;
  message: string;
  detail?: Record<string, unknown>;
}
