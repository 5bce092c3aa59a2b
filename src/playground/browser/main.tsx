import { createRoot } from 'react-dom/client';
import { App } from './app';
import { STYLES } from './styles';

const style = document.createElement('style');
style.textContent = STYLES;
document.head.appendChild(style);
createRoot(document.getElementById('root')!).render(<App />);
