// Worker entry of the transform cell (a browser Web Worker bundled by Vite, or a Node worker thread).
import { serveTasks } from "../../engine/workers/serve";
import { transformTasks } from "./tasks";

void serveTasks(transformTasks);
