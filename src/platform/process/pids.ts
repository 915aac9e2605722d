import fs from 'node:fs/promises';

/** Whether a local process is running; a zombie (state Z) counts as dead: it holds no files or ports. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && !/^\d+ \(.*\) Z/.test(stat);
}
