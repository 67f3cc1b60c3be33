/**
 * What the rest of Chorus uses of the jobs module (decision 0016): the list of jobs, the scheduler
 * that runs them once each across instances, and the units a job's schedule is written in.
 * The module has no service: it has no rules of its own, only the timing of other modules' work.
 */
export { JOBS } from './jobs.ts';
export { startScheduler, type Job, type JobContext, type Scheduler } from './scheduler.ts';
export { DAY, HOUR, MINUTE, type Every } from './schedule.ts';
