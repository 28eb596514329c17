"""The analytics subgraph: MiiTel Analytics' rows of the chart, its dashboard and comments."""
