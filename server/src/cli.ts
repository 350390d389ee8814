// CLI entry (placeholder until the CLI lands).
process.stdout.write('netcfg: not implemented yet\n');
