import { Readable } from 'node:stream'
import { IAMClient } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/protocol-http'

/** A request as AWS's Query API receives it: Action and the flattened parameters. */
export interface CannedCall {
  action: string
  params: URLSearchParams
}

export interface CannedAnswer {
  status?: number
  xml: string
}

/** A SummaryMap-style <entry><key/><value/></entry> map, told apart from a plain structure. */
export class XmlEntries {
  constructor(readonly entries: Record<string, string | number>) {}
}

export type Xml = string | number | boolean | Date | XmlEntries | Xml[] | { [name: string]: Xml | undefined }

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function serialize(value: Xml): string {
  if (typeof value === 'string') return escape(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z')
  if (value instanceof XmlEntries) {
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${escape(k)}</key><value>${v}</value></entry>`)
      .join('')
  }
  if (Array.isArray(value)) return value.map((item) => `<member>${serialize(item)}</member>`).join('')
  return Object.entries(value)
    .filter((entry): entry is [string, Xml] => entry[1] !== undefined)
    .map(([name, child]) => `<${name}>${serialize(child)}</${name}>`)
    .join('')
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/'
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

export function success(action: string, result?: Xml, namespace = IAM_NS): CannedAnswer {
  const body = result === undefined ? '' : `<${action}Result>${serialize(result)}</${action}Result>`
  return { xml: `<${action}Response xmlns="${namespace}">${body}<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>` }
}

export function stsSuccess(action: string, result: Xml): CannedAnswer {
  return success(action, result, STS_NS)
}

export function failure(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): CannedAnswer {
  return {
    status,
    xml: `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`
  }
}

function bodyText(request: HttpRequest): string {
  const body: unknown = request.body
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8')
  throw new Error(`unexpected request body ${typeof body}`)
}

/**
 * The SDK's real client, serializers and parsers, answered from memory: no network, no
 * server. `answer` may be async, to hold a call open and observe what runs at the same time.
 */
export function cannedAws(answer: (call: CannedCall) => CannedAnswer | Promise<CannedAnswer>) {
  const calls: CannedCall[] = []
  const handler: HttpHandler = {
    async handle(request: HttpRequest) {
      const params = new URLSearchParams(bodyText(request))
      const call = { action: params.get('Action') ?? '', params }
      calls.push(call)
      const { status = 200, xml } = await answer(call)
      return {
        response: new HttpResponse({
          statusCode: status,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-1' },
          body: Readable.from([Buffer.from(xml)])
        })
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({})
  }
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    requestHandler: handler,
    maxAttempts: 1
  }
  return { iam: new IAMClient(config), sts: new STSClient(config), calls }
}
