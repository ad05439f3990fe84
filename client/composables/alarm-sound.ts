/**
 * A two-tone siren from the Web Audio API (no sound file to download or cache). Browsers may
 * refuse to start audio without an earlier tap; the flashing banner still shows the page then.
 */
let context: AudioContext | null = null;
let siren: OscillatorNode | null = null;

const toneSeconds = 0.45;

export function startAlarmSound(durationSeconds = 30): void {
  stopAlarmSound();
  const Context = window.AudioContext ?? (window as Window & { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Context) return;
  context ??= new Context();
  void context.resume().catch(() => undefined);
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'square';
  gain.gain.value = 0.25;
  const start = context.currentTime;
  for (let i = 0; i * toneSeconds < durationSeconds; i++) oscillator.frequency.setValueAtTime(i % 2 ? 660 : 880, start + i * toneSeconds);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(start);
  oscillator.stop(start + durationSeconds);
  siren = oscillator;
  navigator.vibrate?.([400, 150, 400, 150, 800]);
}

export function stopAlarmSound(): void {
  siren?.stop();
  siren?.disconnect();
  siren = null;
}
