// Runs trainModel in a worker thread so training (seconds of dense linear algebra) never blocks requests.
// One worker, started on first use and kept for later runs; a crashed worker fails its runs and is replaced.
import type { Worker } from "node:worker_threads";
import { startTypeScriptWorker } from "../worker.ts";
import type { ModelOptions, TrainedModel, TrainingData } from "./train.ts";
import type { TrainRequest, TrainResponse } from "./train-worker.ts";

type Pending = { resolve: (model: TrainedModel) => void; reject: (error: Error) => void };

export class TrainingFailedError extends Error {
  constructor(message: string) {
    super(`Training failed: ${message}`);
    this.name = "TrainingFailedError";
  }
}

export class BackgroundTrainer {
  private worker: Promise<Worker> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Trains on `data` (its buffers are moved to the worker: do not use them afterwards). */
  async train(data: TrainingData, options: ModelOptions): Promise<TrainedModel> {
    const worker = await (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<TrainedModel>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Referenced only while a run is pending: an idle trainer must not keep the process alive.
      worker.ref();
      const request: TrainRequest = { id, data, options };
      worker.postMessage(request, [data.users.buffer, data.items.buffer, data.timestamps.buffer] as ArrayBuffer[]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const started = await worker.catch(() => null);
    await started?.terminate();
    this.failAll(new TrainingFailedError("the trainer was closed"));
  }

  private start(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      const worker = startTypeScriptWorker(new URL("./train-worker.ts", import.meta.url));
      worker.unref();
      let ready = false;
      worker.on("message", (message: TrainResponse) => {
        if (message.kind === "ready") {
          ready = true;
          resolve(worker);
          return;
        }
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (this.pending.size === 0) worker.unref();
        if (message.kind === "trained") pending?.resolve(message.model);
        else pending?.reject(new TrainingFailedError(message.message));
      });
      const fail = (error: Error) => {
        if (!ready) reject(error);
        this.worker = null;
        this.failAll(new TrainingFailedError(error.message));
      };
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (this.pending.size > 0 || !ready) fail(new Error(`the training worker exited with code ${code}`));
      });
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
