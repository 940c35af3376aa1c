-- migrate:up
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku varchar(32) NOT NULL,
  title text NOT NULL,
  price numeric(10,2) NOT NULL
);

-- migrate:down
DROP TABLE products;
DROP TABLE customers;
