// A small dashboard made of real libraries: core-js polyfills the platform, React renders it,
// Redux Toolkit holds its state, zod checks the data that axios fetches, dayjs and lodash-es
// format it. Markdown rendering is loaded on demand (an async chunk).
import 'core-js/stable';
import 'normalize.css';
import './styles.css';
import { configureStore, createSlice } from '@reduxjs/toolkit';
import axios from 'axios';
import clsx from 'clsx';
import dayjs from 'dayjs';
import { debounce, groupBy, orderBy, sumBy } from 'lodash-es';
import { createElement as h, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';

const Order = z.object({
  id: z.string(),
  customer: z.string().min(1),
  total: z.number().nonnegative(),
  placedAt: z.string().datetime(),
});

const orders = createSlice({
  name: 'orders',
  initialState: { items: [], error: null },
  reducers: {
    loaded(state, action) {
      state.items = action.payload;
      state.error = null;
    },
    failed(state, action) {
      state.error = action.payload;
    },
  },
});

const store = configureStore({ reducer: { orders: orders.reducer } });

async function loadOrders() {
  try {
    const { data } = await axios.get('/api/orders', { timeout: 5000 });
    store.dispatch(orders.actions.loaded(z.array(Order).parse(data)));
  } catch (error) {
    store.dispatch(orders.actions.failed(String(error)));
  }
}

function Summary({ items }) {
  const byCustomer = groupBy(items, 'customer');
  const rows = orderBy(Object.entries(byCustomer), ([, list]) => sumBy(list, 'total'), 'desc');
  return h(
    'table',
    { className: 'summary' },
    h(
      'tbody',
      null,
      rows.map(([customer, list]) =>
        h(
          'tr',
          { key: customer },
          h('td', null, customer),
          h('td', null, sumBy(list, 'total').toFixed(2)),
          h('td', null, dayjs(list[0].placedAt).format('D MMM YYYY')),
        ),
      ),
    ),
  );
}

function App() {
  const [state, setState] = useState(store.getState().orders);
  const [notes, setNotes] = useState('');
  store.subscribe(() => setState(store.getState().orders));
  const renderNotes = debounce(async (text) => {
    const { renderMarkdown } = await import(/* webpackChunkName: "notes" */ './notes.js');
    setNotes(renderMarkdown(text));
  }, 200);
  return h(
    'main',
    { className: clsx('app', { 'app--error': state.error }) },
    h('h1', null, 'Orders'),
    state.error ? h('p', { className: 'error' }, state.error) : h(Summary, { items: state.items }),
    h('textarea', { onChange: (event) => renderNotes(event.target.value) }),
    h('div', { className: 'notes', dangerouslySetInnerHTML: { __html: notes } }),
  );
}

createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
loadOrders();
