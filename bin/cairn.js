#!/usr/bin/env node
'use strict'
// The cairn command line, built by `npm run build` (scripts/build-cli.mjs). credential-process
// runs before every AWS CLI call of a Cairn profile, so it loads its own small bundle.
require(process.argv[2] === 'credential-process' ? '../out/cli/credential-process.cjs' : '../out/cli/cairn.cjs')
