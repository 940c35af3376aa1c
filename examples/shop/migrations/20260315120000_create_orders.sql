-- migrate:up
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'new',
  note varchar(200),
  placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id),
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

-- migrate:down
DROP TABLE order_items;
DROP TABLE orders;
