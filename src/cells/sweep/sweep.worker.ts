// Worker entry of the sweep (a browser Web Worker bundled by Vite, or a Node worker thread).
import { serveTasks } from "../../engine/workers/serve";
import { sweepTasks } from "./tasks";

void serveTasks(sweepTasks);
