import { execFileSync } from 'node:child_process';

/** PIDs of the live child processes of `ppid` (Linux/macOS `ps`). */
export function childPids(ppid: number = process.pid): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(ppid)], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0 && alive(pid));
  } catch {
    return []; // ps exits 1 when there is none
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}
