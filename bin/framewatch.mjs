#!/usr/bin/env -S node --max-old-space-size=1024
// Entry point: registers tsx so the TypeScript sources run as they are (no build step), then hands over to the CLI.
process.env.DOTENV_CONFIG_QUIET ??= "true"; // natural imports dotenv, which otherwise prints "injected env" lines

import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv);
