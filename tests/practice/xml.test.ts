import { describe, expect, it } from 'vitest'
import { XmlMap } from '../../src/practice/action'
import { AwsError } from '../../src/practice/errors'
import { awsTimestamp, errorXml, escapeXml, IAM_NAMESPACE, STS_NAMESPACE, successXml } from '../../src/practice/xml'

describe('xml', () => {
  it('wraps a result in <ActionResponse>, <ActionResult> and the RequestId AWS always sends', () => {
    expect(successXml('GetUser', IAM_NAMESPACE, { User: { UserName: 'alice' } }, 'req-1')).toBe(
      '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><UserName>alice</UserName></User></GetUserResult>' +
        '<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetUserResponse>'
    )
  })

  it('answers an action with no result with ResponseMetadata only', () => {
    expect(successXml('DeleteUser', IAM_NAMESPACE, undefined, 'r')).toBe(
      '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>'
    )
  })

  it('writes lists as member elements, maps as entry/key/value, dates without milliseconds, booleans as words', () => {
    const xml = successXml(
      'X',
      STS_NAMESPACE,
      {
        Users: [{ UserName: 'a' }, { UserName: 'b' }],
        SummaryMap: new XmlMap([
          ['Users', 2],
          ['AccountMFAEnabled', 0]
        ]),
        CreateDate: new Date('2012-09-21T23:03:39.123Z'),
        IsTruncated: false,
        Marker: undefined,
        Other: null
      },
      'r'
    )
    expect(xml).toContain('<Users><member><UserName>a</UserName></member><member><UserName>b</UserName></member></Users>')
    expect(xml).toContain('<SummaryMap><entry><key>Users</key><value>2</value></entry><entry><key>AccountMFAEnabled</key><value>0</value></entry></SummaryMap>')
    expect(xml).toContain('<CreateDate>2012-09-21T23:03:39Z</CreateDate>')
    expect(xml).toContain('<IsTruncated>false</IsTruncated>')
    expect(xml).not.toContain('Marker')
    expect(xml).not.toContain('Other')
    expect(xml).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"')
  })

  it('escapes markup so names and policy documents cannot break the response', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;')
    expect(successXml('X', IAM_NAMESPACE, { Policy: '{"a":"<b>&"}' }, 'r')).toContain('<Policy>{&quot;a&quot;:&quot;&lt;b&gt;&amp;&quot;}</Policy>')
  })

  it('replaces characters XML 1.0 cannot carry instead of producing an unparseable response', () => {
    expect(escapeXml('a\u0000b\u0007c\ud800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd')
    expect(escapeXml('tab\tnew\nline')).toBe('tab\tnew\nline')
  })

  it('writes ErrorResponse with Type, Code, Message and RequestId', () => {
    expect(errorXml(new AwsError('NoSuchEntity', 'The user with name x cannot be found.', 404), IAM_NAMESPACE, 'r')).toBe(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
        '<Message>The user with name x cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>'
    )
    expect(errorXml(new AwsError('ServiceFailure', 'x', 500, 'Receiver'), IAM_NAMESPACE, 'r')).toContain('<Type>Receiver</Type>')
  })

  it('formats timestamps as AWS does', () => {
    expect(awsTimestamp(new Date('2026-03-01T12:00:00.999Z'))).toBe('2026-03-01T12:00:00Z')
  })
})
