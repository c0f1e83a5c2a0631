import { hydrate } from "solid-js/web";
import { App } from "./App";
import { startBeacons } from "./beacon";
import type { AppProps } from "./types";
import "./styles.css";

const props = JSON.parse(document.getElementById("page-props")!.textContent!) as AppProps;
if (props.page.kind === "article") {
  props.page.article.body = document.querySelector("[data-article-body]")?.innerHTML ?? "";
}
hydrate(() => <App {...props} />, document.getElementById("app")!);
startBeacons();
// A marker tests and scripts can wait for; Solid has no public "hydrated" signal.
document.documentElement.dataset.hydrated = "true";
