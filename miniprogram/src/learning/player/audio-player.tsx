import { Slider, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../services/progress';

interface Props {
  src: string;
  title: string;
  startAt: number;
  onTime: (positionS: number, durationS: number) => void;
  onPause: (positionS: number) => void;
  onEnded: (durationS: number) => void;
}

/** An audio lesson: play/pause, a seek bar and the time; starts where the learner left off. */
export function AudioPlayer({ src, title, startAt, onTime, onPause, onEnded }: Props) {
  const ctx = useRef<Taro.InnerAudioContext | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(startAt);
  const [duration, setDuration] = useState(0);
  const handlers = useRef({ onTime, onPause, onEnded });
  handlers.current = { onTime, onPause, onEnded };

  useEffect(() => {
    const audio = Taro.createInnerAudioContext();
    audio.src = src;
    audio.startTime = startAt;
    audio.onPlay(() => setPlaying(true));
    audio.onPause(() => {
      setPlaying(false);
      handlers.current.onPause(audio.currentTime);
    });
    audio.onTimeUpdate(() => {
      setPosition(audio.currentTime);
      if (audio.duration > 0) setDuration(audio.duration);
      handlers.current.onTime(audio.currentTime, audio.duration);
    });
    audio.onEnded(() => {
      setPlaying(false);
      setPosition(audio.duration);
      handlers.current.onEnded(audio.duration);
    });
    audio.onCanplay(() => {
      if (audio.duration > 0) setDuration(audio.duration);
    });
    ctx.current = audio;
    return () => {
      handlers.current.onPause(audio.currentTime);
      audio.destroy();
    };
  }, [src, startAt]);

  const toggle = () => {
    const audio = ctx.current;
    if (!audio) return;
    if (playing) audio.pause();
    else audio.play();
  };

  return (
    <View className='audio-player'>
      <View className='audio-player__disc'>
        <Text className='audio-player__note'>♪</Text>
      </View>
      <Text className='audio-player__title'>{title}</Text>
      <Slider
        className='audio-player__seek'
        min={0}
        max={Math.max(1, Math.round(duration))}
        value={Math.round(position)}
        activeColor='#16a05d'
        blockSize={14}
        onChange={(e) => ctx.current?.seek(e.detail.value)}
      />
      <View className='audio-player__times'>
        <Text>{formatDuration(position)}</Text>
        <Text>{formatDuration(duration)}</Text>
      </View>
      <View className={playing ? 'audio-player__btn audio-player__btn--playing' : 'audio-player__btn'} onClick={toggle} role='button' aria-label={playing ? 'pause' : 'play'}>
        <Text>{playing ? '❚❚' : '▶'}</Text>
      </View>
    </View>
  );
}
