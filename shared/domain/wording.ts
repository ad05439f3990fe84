/** "Ada", "Ada and Bob", "Ada, Bob and Cy": lists in messages read by people. */
export function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
