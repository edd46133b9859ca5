import { z } from 'zod'

// Imported before the contract builds any schema: pages run under a CSP without
// 'unsafe-eval', so zod must validate without compiling parsers via new Function.
z.config({ jitless: true })
