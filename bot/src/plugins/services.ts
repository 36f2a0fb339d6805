import type { Container } from '@knowpay/server';

/** The domain services the chat features use: a slice of the process's container, so tests pass the real one. */
export type BotServices = Pick<Container, 'chatBindings' | 'questions' | 'qaKnowledge' | 'progress' | 'orders' | 'catalog' | 'clock' | 'logger' | 'redis' | 'config' | 'salesDigests' | 'recommendations'>;
