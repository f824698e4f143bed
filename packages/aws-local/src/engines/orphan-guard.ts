// Engines must not outlive the process that started them, however it dies (a SIGKILL included,
// which no handler sees). A tiny detached watchdog polls both pids and stops the engine once its
// parent is gone; it exits by itself when the engine does.
import { spawn } from "node:child_process";

const watchdog = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, "SIGTERM"); } catch {} setTimeout(() => { try { process.kill(child, "SIGKILL"); } catch {} process.exit(0); }, 3000); }
}, 500);
`;

export function stopWithParent(childPid: number | undefined): void {
  if (!childPid) return;
  const guard = spawn(process.execPath, ["-e", watchdog, String(process.pid), String(childPid)], { detached: true, stdio: "ignore" });
  guard.unref();
}
