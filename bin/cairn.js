#!/usr/bin/env node
'use strict'
// The cairn command line; out/cli/cairn.cjs is built by `npm run build` (scripts/build-cli.mjs).
require('../out/cli/cairn.cjs')
