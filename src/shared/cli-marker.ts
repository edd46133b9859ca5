/** The argument that makes an installed Cairn run as the `cairn` command (src/main/cli-mode/cli-mode-args.ts says why it is safe). */
export const CLI_MARKER = '--cairn-cli'
