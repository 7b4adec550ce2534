import { describe, expect, it } from 'vitest';
import { parseWrk } from './load';

// wrk 4.1's output, as Debian's package prints it with --latency.
const OUTPUT = `Running 10s test @ http://127.0.0.1:3000/
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    1.20ms  40.00ms   90.00%
    Req/Sec     6.30k   300.00     7.00k    80.00%
  Latency Distribution
     50%  812.00us
     75%    5.50ms
     90%    6.10ms
     99%    1.20s
  63012 requests in 10.00s, 350.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 5
Requests/sec:   6301.20
Transfer/sec:     35.00MB
`;

describe('parseWrk', () => {
  it('reads throughput, the median and 99th percentile in milliseconds, and every kind of error', () => {
    expect(parseWrk(OUTPUT)).toEqual({ requests: 63012, reqPerSec: 6301.2, p50Ms: 0.812, p99Ms: 1200, errors: 10 });
  });

  it('counts no errors when wrk reports none', () => {
    const clean = OUTPUT.replace(/ {2}Socket errors.*\n/, '').replace(/ {2}Non-2xx.*\n/, '');
    expect(parseWrk(clean).errors).toBe(0);
  });
});
