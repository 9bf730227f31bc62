print("eventgrid")
