// Worker entry of the model cell (a browser Web Worker bundled by Vite, or a Node worker thread).
import { serveTasks } from "../../engine/workers/serve";
import { modelTasks } from "./tasks";

void serveTasks(modelTasks);
