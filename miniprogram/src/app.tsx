import type { PropsWithChildren } from 'react';
import { onAuthRequired } from './services/session';
import { goToSignIn } from './services/navigation';
import './app.css';

// An expired or revoked token sends the learner to sign in, remembering the page they were on.
onAuthRequired(() => goToSignIn());

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
