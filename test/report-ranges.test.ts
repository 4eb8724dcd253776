/** The set arithmetic behind audit's fixes: exact CIDR covers, subtraction, and narrowings that never drop a vendor row. */
import type { Flow } from '../src/analysis/result';
import { narrowing, Wanted } from '../src/report/flow-sets';
import { cidrsOf, portSpans, spanOf, spansToCidrs, subtract, subtractPorts } from '../src/report/ranges';

const span = (text: string) => spanOf(text)!;

describe('ranges', () => {
  it('covers a span with the fewest CIDRs and subtracts exactly', () => {
    expect(cidrsOf(span('10.20.9.0-10.20.9.4'))).toEqual(['10.20.9.0/30', '10.20.9.4/32']);
    expect(spansToCidrs(subtract([span('10.20.9.0/24')], [span('10.20.9.0-10.20.9.4'), span('10.20.9.6-10.20.9.255')]))).toEqual(['10.20.9.5/32']);
    expect(spansToCidrs(subtract([span('0.0.0.0/0')], [span('0.0.0.0/1'), span('128.0.0.0/1')]))).toEqual([]);
    expect(cidrsOf(span('fd00::-fd00::ffff'))).toEqual(['fd00::/112']);
    expect(subtractPorts(portSpans('22-23'), portSpans('23'))).toEqual([{ from: 22, to: 22 }]);
    expect(subtractPorts(portSpans('*'), portSpans('80'))).toEqual([{ from: 0, to: 79 }, { from: 81, to: 65535 }]);
  });
});

describe('narrowing', () => {
  const flow: Flow = { sources: ['10.20.9.0-10.20.9.4', '10.20.9.6-10.20.9.255'], protocol: 'tcp', ports: '22' };
  const nothing: Wanted = () => false;
  it('drops the flow\'s sources when the rule\'s other ports from them are not wanted', () => {
    expect(narrowing({ ports: portSpans('22'), sources: [span('10.20.9.0/24')] }, flow, nothing)).toEqual({ kind: 'sources', keep: [span('10.20.9.5/32')] });
    expect(narrowing({ ports: portSpans('22'), sources: [span('10.20.9.0-10.20.9.4'), span('10.20.9.6-10.20.9.255')] }, flow, nothing)).toEqual({ kind: 'remove' });
  });
  it('drops the flow\'s ports instead when those sources are wanted on other ports', () => {
    const wantedOn444: Wanted = (ports) => ports.some((p) => p.from <= 444 && 444 <= p.to);
    expect(narrowing({ ports: portSpans('22,444'), sources: [span('10.20.9.0-10.20.9.4'), span('10.20.9.6-10.20.9.255')] }, flow, wantedOn444)).toEqual({ kind: 'ports', keep: [{ from: 444, to: 444 }] });
  });
  it('says "narrow" when every simple change would drop a vendor row', () => {
    expect(narrowing({ ports: portSpans('22,444'), sources: [span('10.20.9.0/24')] }, flow, () => true)).toEqual({ kind: 'narrow' });
  });
});
