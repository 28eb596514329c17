"""Writing the call center's seat map: create a seat, assign or free it, delete it; audited."""
