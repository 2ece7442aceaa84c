// The benchmark's baseline: a process that only loads the generator's dependencies, and does nothing.
await import("ts-morph");
await import("prettier");
await import("ajv/dist/2020.js");
await import("yaml");
await import("handlebars");
