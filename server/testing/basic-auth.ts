/** The Authorization header the Vonage SDKs send: Basic base64(api_key:api_secret). */
export const basic = (apiKey: string, apiSecret: string) => `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
