/** The product's alarm sound, served from `public/` (regenerate with `node scripts/make-public-assets.mjs`). */
export const ALARM_SOUND_URL = '/alarm.wav';

/**
 * Plays the alarm sound; where the file cannot play (blocked, not loaded, no audio element), falls back
 * to the same two tones from WebAudio, so an alarm is never silent because of a missing file.
 */
export function playAlarm(sound: HTMLAudioElement | null, context: AudioContext | null): void {
  if (!sound) {
    if (context) playBeep(context);
    return;
  }
  sound.currentTime = 0;
  sound.play().catch(() => {
    if (context) playBeep(context);
  });
}

/** Two short tones: audible across a room, no sound file needed. */
export function playBeep(context: AudioContext): void {
  const start = context.currentTime;
  for (const [offset, freq] of [
    [0, 880],
    [0.22, 1175],
  ] as const) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    osc.connect(gain).connect(context.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.2);
  }
}
