// CPU time spent by this Node process and by the PostgreSQL backends serving the benchmark's
// database, read from /proc (Linux). On a shared machine throughput moves with the other load, but the
// CPU time a workload needs per transfer hardly does, and it shows which side bounds throughput.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
const ticksPerSecond = 100;

export interface CpuSample {
  nodeMs: number;
  /** CPU time so far of each backend connected to the database, by process id. */
  backendsMs: Map<number, number>;
}

export interface CpuUse {
  nodeMs: number;
  /** Null where /proc cannot be read (not Linux, or the server runs elsewhere). */
  postgresMs: number | null;
}

export class CpuMeter {
  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<CpuMeter> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new CpuMeter(client);
  }

  async sample(): Promise<CpuSample> {
    const usage = process.cpuUsage();
    const { rows } = await this.client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const backendsMs = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== null) backendsMs.set(pid, ms);
    }
    return { nodeMs: (usage.user + usage.system) / 1000, backendsMs };
  }

  /** A backend that ended between the samples is missing; one that started counts in full. */
  static between(start: CpuSample, end: CpuSample): CpuUse {
    let postgresMs = 0;
    for (const [pid, ms] of end.backendsMs) postgresMs += ms - (start.backendsMs.get(pid) ?? 0);
    return { nodeMs: end.nodeMs - start.nodeMs, postgresMs: end.backendsMs.size === 0 ? null : postgresMs };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

function processCpuMs(pid: number): number | null {
  try {
    // With the server on another machine the same process id may belong to an unrelated local process.
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres')) return null;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
  } catch {
    return null;
  }
}
