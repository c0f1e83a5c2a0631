// Types of the `#dashboard-shell` import (package.json "imports"). At run time it is the module
// vite.dashboard.config.ts writes to dist/dashboard/shell.js, which esbuild bundles into the
// staff Lambda (functions/http/staff/dashboard.ts).
export declare const assets: { js: string; css: string[]; preload: string[] };
export declare const html: string;
