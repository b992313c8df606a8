import { render, screen } from '@testing-library/react';
import { Linkify, splitUrls } from './Linkify';

describe('Linkify', () => {
  it('turns URLs into links and keeps trailing punctuation as text', () => {
    expect(
      splitUrls('Request an increase: https://console.aws.example/q/1.'),
    ).toEqual([
      { text: 'Request an increase: ' },
      { text: 'https://console.aws.example/q/1', url: true },
      { text: '.' },
    ]);
    render(<Linkify text="See https://runbooks.example/orders (runbook)" />);
    expect(
      screen.getByRole('link', { name: 'https://runbooks.example/orders' }),
    ).toHaveAttribute('href', 'https://runbooks.example/orders');
  });

  it('leaves text without URLs alone', () => {
    expect(splitUrls('raise maxReplicas to 12')).toEqual([
      { text: 'raise maxReplicas to 12' },
    ]);
  });
});
