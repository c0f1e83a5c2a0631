/**
 * The dashboard's entry (vite.dashboard.config.ts): a client-only app under /quan-tri, served as
 * an app shell by the staff function (functions/http/staff/dashboard.ts). Screens are lazy chunks
 * (App.tsx); the article body editor is a chunk of its own, loaded only when an article is open.
 */
import { render } from "solid-js/web";
import { App } from "./App";
import "./styles.css";

render(() => <App />, document.getElementById("app")!);
