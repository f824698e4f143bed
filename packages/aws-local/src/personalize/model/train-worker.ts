// Worker-thread entry: trains one model per message and hands its buffers back without copying.
import { parentPort } from "node:worker_threads";
import { trainModel, transferablesOf, type ModelOptions, type TrainedModel, type TrainingData } from "./train.ts";

export type TrainRequest = { id: number; data: TrainingData; options: ModelOptions };
export type TrainResponse = { kind: "ready" } | { kind: "trained"; id: number; model: TrainedModel } | { kind: "failed"; id: number; message: string };

const port = parentPort;
if (!port) throw new Error("train-worker.ts runs inside a worker thread (see background-trainer.ts).");

port.on("message", (request: TrainRequest) => {
  let response: TrainResponse;
  try {
    const model = trainModel(request.data, request.options);
    port.postMessage({ kind: "trained", id: request.id, model } satisfies TrainResponse, transferablesOf(model));
    return;
  } catch (error) {
    response = { kind: "failed", id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
port.postMessage({ kind: "ready" } satisfies TrainResponse);
