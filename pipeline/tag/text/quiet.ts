/** natural loads dotenv on import and prints "injected env" lines unless this is set; imported before natural. */
process.env.DOTENV_CONFIG_QUIET ??= "true";
