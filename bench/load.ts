/**
 * A small HTTP load generator for the benchmarks: closed loop (N workers as fast as they can) for
 * sustained throughput, open loop (a fixed arrival rate) for latency at a given rate. Requests go
 * through Node's own fetch with keep-alive; each virtual person keeps their cookies. Also what the
 * benches share: waiting for a server they started, and a process's memory.
 */
import { readFileSync } from 'node:fs';

export type Timing = { ok: boolean; ms: number };

/** Waits until the URL answers 2xx (a server started by a bench), for up to a minute. */
export async function waitForReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready`);
}

/** A process's resident memory now (VmRSS) and the most it has held (VmHWM), in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

export class Visitor {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  constructor(base: string) {
    this.base = base;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string): Promise<{ status: number; body: string; location: string | null }> {
    const response = await fetch(this.base + path, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(response);
    return { status: response.status, body: await response.text(), location: response.headers.get('location') };
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<{ status: number; body: string; location: string | null }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    const response = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, body: await response.text(), location: response.headers.get('location') };
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The first failure's message, so a broken run says why. */
export const failures: string[] = [];

async function timed(task: () => Promise<void>): Promise<Timing> {
  const started = performance.now();
  try {
    await task();
    return { ok: true, ms: performance.now() - started };
  } catch (error) {
    if (failures.length < 5) failures.push(String(error));
    return { ok: false, ms: performance.now() - started };
  }
}

/** Workers each run task back to back for `seconds`. Returns every task's timing. */
export async function closedLoop(workers: number, seconds: number, task: () => Promise<void>): Promise<Timing[]> {
  const until = performance.now() + seconds * 1000;
  const timings: Timing[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until) timings.push(await timed(task));
    }),
  );
  return timings;
}

/** Starts `rate` tasks a second for `seconds`, whether or not earlier ones finished (open loop). */
export async function openLoop(rate: number, seconds: number, task: () => Promise<void>): Promise<Timing[]> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const running: Array<Promise<Timing>> = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(timed(task));
  }
  return Promise.all(running);
}
