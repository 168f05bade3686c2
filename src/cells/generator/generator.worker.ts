// Worker entry of the generator cell (a browser Web Worker bundled by Vite, or a Node worker thread).
import { serveTasks } from "../../engine/workers/serve";
import { generatorTasks } from "./tasks";

void serveTasks(generatorTasks);
