// The scrubber's state: null shows the whole story; a position shows the steps up to it, and
// playing moves it on one step at a time.
import { useEffect, useState } from 'react';

const STEP_MS = 350;

export function useReplay(length: number, enabled: boolean) {
  const [position, setPosition] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setPosition((p) => {
        const next = (p ?? -1) + 1;
        if (next >= length - 1) {
          setPlaying(false);
          return null;
        }
        return next;
      });
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [playing, length]);
  if (!enabled) return { position: null, playing: false, toggle: () => {}, seek: () => {} };
  return {
    position,
    playing,
    toggle: () => {
      if (!playing && position === null) setPosition(0);
      setPlaying(!playing);
    },
    seek: (p: number) => {
      setPlaying(false);
      setPosition(p >= length - 1 ? null : p);
    },
  };
}
