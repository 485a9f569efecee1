// Runs `framewatch crawl` through the command's own registration (cli/commands/crawl.ts), for tests that need a child
// process while the full CLI (cli/main.ts) still imports commands other helpers have not written yet.
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { register } from "tsx/esm/api";

register();
const { Command } = await import("commander");
const { registerCrawl } = await import("../../cli/commands/crawl.ts");
const program = new Command("framewatch").exitOverride();
registerCrawl(program);
await program.parseAsync(process.argv);
