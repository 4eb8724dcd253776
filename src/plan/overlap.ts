/** Shadowed rules of a planned group: the check itself is src/spec/overlap.ts (config uses it too). */
import { covers, Shadowed, shadowedRules as shadowedIn } from '../spec/overlap';
import { GroupPlan } from './plan';

export { covers, Shadowed };

export function shadowedRules(group: GroupPlan): Shadowed[] {
  return shadowedIn(group.rules);
}
